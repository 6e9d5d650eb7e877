package io.sequor.domain.addresses;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code sequor.addresses.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AddressProperties.class)
class AddressConfiguration {}
