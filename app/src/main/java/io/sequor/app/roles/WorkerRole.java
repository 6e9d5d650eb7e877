package io.sequor.app.roles;

import io.sequor.worker.WorkerConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

@Configuration(proxyBeanMethods = false)
@Profile("worker")
@Import(WorkerConfiguration.class)
class WorkerRole {}
