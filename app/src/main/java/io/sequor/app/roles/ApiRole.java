package io.sequor.app.roles;

import io.sequor.api.ApiConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

@Configuration(proxyBeanMethods = false)
@Profile("api")
@Import(ApiConfiguration.class)
class ApiRole {}
