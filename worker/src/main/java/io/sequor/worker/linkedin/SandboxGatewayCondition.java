package io.sequor.worker.linkedin;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Keeps the sandbox out when the HTTP provider is the gateway, so exactly one {@link
 * LinkedInGateway} exists. The manual mode keeps it: manual steps never reach a gateway, but the
 * activity still needs one. Read from the environment rather than {@code SequorProperties} because
 * conditions run before any bean is bound.
 */
class SandboxGatewayCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String gateway = context.getEnvironment().getProperty("sequor.linkedin.gateway", "SANDBOX");
    return !"PROVIDER".equalsIgnoreCase(gateway.trim());
  }
}
