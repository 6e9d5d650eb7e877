package io.sequor.api.auth;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

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
    // Only /api/** is checked for a key: an endpoint elsewhere cannot act for a workspace.
    throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "no API key was checked");
  }
}
