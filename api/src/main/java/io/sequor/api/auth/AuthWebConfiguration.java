package io.sequor.api.auth;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks the API key of every {@code /api/**} request and gives controller methods their {@link
 * Caller}. Outside {@code /api}: unsubscribe pages, the OpenAPI document and Swagger UI, actuator.
 */
@Configuration(proxyBeanMethods = false)
class AuthWebConfiguration implements WebMvcConfigurer {

  private final CallerResolver callers;
  private final ApiKeyInterceptor keys;

  AuthWebConfiguration(CallerResolver callers, ApiKeyInterceptor keys) {
    this.callers = callers;
    this.keys = keys;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(callers);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(keys).addPathPatterns("/api/**");
  }
}
