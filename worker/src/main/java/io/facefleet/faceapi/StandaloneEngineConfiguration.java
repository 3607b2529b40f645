package io.facefleet.faceapi;

import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.engine.EngineProperties;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The face engine of the pack named by {@code facefleet.model-pack}: with no database, nothing records a pack. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class StandaloneEngineConfiguration {

    @Bean(destroyMethod = "close")
    FaceEngine faceEngine(@Value("${facefleet.model-pack:auto}") String pack, EngineProperties properties) {
        return FaceEngine.open(ModelPacks.standard().load(pack), properties.toSettings());
    }

    @Bean
    ImageDecoder imageDecoder(EngineProperties properties) {
        return new ImageDecoder(properties.maxImagePixels());
    }
}
