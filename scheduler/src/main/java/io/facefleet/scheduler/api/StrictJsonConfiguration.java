package io.facefleet.scheduler.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are read strictly: a field the API does not know (a typo), a key given twice, or a fraction for a
 * whole-number setting (12.5 frames) or a number where text belongs is refused with 400 instead of being ignored, taken last or truncated. Every
 * body the API reads is its own small record, so nothing legitimate is lost; JobRunr keeps its own mapper.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return new StrictRequestBodies();
    }

    /** After Spring Boot's own customizer, which applies {@code spring.jackson.*}. */
    private static final class StrictRequestBodies implements JsonMapperBuilderCustomizer, Ordered {

        @Override
        public void customize(JsonMapper.Builder builder) {
            builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .withCoercionConfig(LogicalType.Textual, text -> text
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
