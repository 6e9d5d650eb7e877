package io.sequor.api;

import io.sequor.api.auth.Caller;
import io.sequor.domain.config.DomainConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The API's beans. */
@Configuration(proxyBeanMethods = false)
@Import(DomainConfiguration.class)
@ComponentScan("io.sequor.api")
public class ApiConfiguration {

  static {
    // The caller comes from the API key, never from the request's parameters or body.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI sequorOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Sequor API")
                .version("v1")
                .description(
                    "Design sequences, enrol prospects, record responses. Every call sends an API"
                        + " key as 'Authorization: Bearer <key>' (docs/api.md). Errors are RFC"
                        + " 9457 problem details; 400s list every offending field in 'errors'."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API key: sq_ and 43 more characters")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}
