package io.facefleet.worker.engine;

import io.facefleet.common.db.ModelPackChoice;
import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One face engine per process, shared by every request, and the decoder that guards it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
public class FaceEngineConfiguration {

    @Bean(destroyMethod = "close")
    public FaceEngine faceEngine(ModelPackChoice choice, EngineProperties properties) {
        return FaceEngine.open(ModelPacks.standard().load(choice.loadableName()), properties.toSettings());
    }

    @Bean
    public ImageDecoder imageDecoder(EngineProperties properties) {
        return new ImageDecoder(properties.maxImagePixels());
    }
}
