package io.facefleet.scheduler.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs and Swagger UI at /swagger-ui/index.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI facefleetOpenApi() {
        return new OpenAPI().info(new Info().title("Facefleet scheduler")
                .description("Creators, videos, the review queue, recognition settings and the library scan.")
                .version("v1"));
    }

    /**
     * The API writes snake_case (spring.jackson.property-naming-strategy), but springdoc describes models with
     * swagger-core's own Jackson 2 mapper, which knows nothing of Spring's Jackson 3 settings.
     */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
