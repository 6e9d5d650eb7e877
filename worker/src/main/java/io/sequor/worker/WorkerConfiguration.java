package io.sequor.worker;

import io.sequor.domain.config.DomainConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The worker's beans: activities and channel adapters. The Temporal starter registers them on the
 * {@code sequor-enrolments} task queue from {@code spring.temporal.workers} (see application.yaml).
 */
@Configuration(proxyBeanMethods = false)
@Import(DomainConfiguration.class)
@ComponentScan("io.sequor.worker")
public class WorkerConfiguration {}
