package io.sequor.api.auth;

import io.sequor.domain.workspaces.Workspaces;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller method its {@link Caller}: the one the key filter put on the request. */
@Component
class CallerResolver implements HandlerMethodArgumentResolver {

  static final String ATTRIBUTE = Caller.class.getName();

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    Object caller = request.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
    if (caller instanceof Caller c) {
      return c;
    }
    // Until API keys are enforced every call acts as an admin of the default workspace.
    return new Caller(Workspaces.DEFAULT, null, Set.of(Caller.Scope.ADMIN));
  }
}
