package io.facefleet.worker.api;

import io.facefleet.worker.face.FaceEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The face API's bulkhead, sized from the engine and {@link FaceApiLimits}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FaceApiLimits.class)
public class FaceApiAdmissionConfiguration {

    @Bean
    FilterRegistrationBean<FaceApiAdmission> faceApiAdmission(FaceApiLimits limits, FaceEngine engine) {
        FilterRegistrationBean<FaceApiAdmission> registration =
                new FilterRegistrationBean<>(new FaceApiAdmission(limits, engine));
        registration.addUrlPatterns("/detect", "/extract-embedding");
        return registration;
    }
}
