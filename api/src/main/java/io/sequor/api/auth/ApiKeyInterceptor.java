package io.sequor.api.auth;

import io.sequor.domain.workspaces.ApiKey;
import io.sequor.domain.workspaces.ApiKeyStore;
import io.sequor.domain.workspaces.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api/**} request shows an API key ({@code Authorization: Bearer <key>}) unless its
 * endpoint is {@link SignedRequest}: 401 without a live key, 429 over the key's rate limit, 403
 * when the key lacks the scope the endpoint needs. A request that passes carries its {@link Caller}
 * for the controller.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

  private static final String BASE = "https://sequor.dev/problems/";
  private static final String BEARER = "bearer ";

  private final ApiKeyStore keys;
  private final RateLimits limits;
  private final JsonMapper json;

  ApiKeyInterceptor(ApiKeyStore keys, RateLimits limits, JsonMapper json) {
    this.keys = keys;
    this.limits = limits;
    this.json = json;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    HandlerMethod method = handler instanceof HandlerMethod m ? m : null;
    if (method != null && method.hasMethodAnnotation(SignedRequest.class)) {
      return true;
    }
    Optional<ApiKey> key = presented(request).flatMap(keys::authenticate);
    if (key.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sequor\"");
      return refuse(
          response,
          HttpStatus.UNAUTHORIZED,
          "unauthorized",
          "Unauthorized",
          request.getHeader(HttpHeaders.AUTHORIZATION) == null
              ? "send an API key: Authorization: Bearer <key>"
              : "the API key is unknown or revoked");
    }
    RateLimits.Outcome rate = limits.take(key.get());
    response.setHeader("RateLimit-Limit", Long.toString(rate.limit()));
    response.setHeader("RateLimit-Remaining", Long.toString(rate.remaining()));
    response.setHeader("RateLimit-Reset", Long.toString(rate.resetSeconds()));
    if (!rate.allowed()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(rate.retryAfter()));
      return refuse(
          response,
          HttpStatus.TOO_MANY_REQUESTS,
          "rate-limited",
          "Too many requests",
          "this key may send at most "
              + rate.limit()
              + " requests at once; retry after "
              + rate.retryAfter()
              + " s");
    }
    Caller caller = caller(key.get());
    if (method != null) {
      Optional<String> refusal = refusal(method, caller);
      if (refusal.isPresent()) {
        return refuse(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", refusal.get());
      }
    }
    request.setAttribute(CallerResolver.ATTRIBUTE, caller);
    return true;
  }

  /** Why the caller may not call the endpoint; empty when it may. */
  private static Optional<String> refusal(HandlerMethod method, Caller caller) {
    if (annotated(method, OperatorOnly.class)) {
      return caller.can(Caller.Scope.ADMIN) && Workspaces.DEFAULT.equals(caller.workspaceId())
          ? Optional.empty()
          : Optional.of(
              "this endpoint needs the ADMIN scope in the installation's default workspace");
    }
    Caller.Scope needed =
        annotated(method, EnrolScope.class) ? Caller.Scope.ENROL : Caller.Scope.ADMIN;
    return caller.can(needed)
        ? Optional.empty()
        : Optional.of("this endpoint needs a key with the " + needed + " scope");
  }

  private static boolean annotated(
      HandlerMethod method, Class<? extends java.lang.annotation.Annotation> annotation) {
    return method.hasMethodAnnotation(annotation)
        || method.getBeanType().isAnnotationPresent(annotation);
  }

  private static Caller caller(ApiKey key) {
    Set<Caller.Scope> scopes = EnumSet.noneOf(Caller.Scope.class);
    key.scopes().forEach(s -> scopes.add(Caller.Scope.valueOf(s)));
    return new Caller(key.workspaceId(), key.id(), Set.copyOf(scopes));
  }

  private static Optional<String> presented(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return Optional.empty();
    }
    String key = header.substring(BEARER.length()).strip();
    return key.isEmpty() || key.length() > 500 ? Optional.empty() : Optional.of(key);
  }

  private boolean refuse(
      HttpServletResponse response, HttpStatus status, String type, String title, String detail)
      throws IOException {
    // Written here, before any controller runs, in the shape ProblemHandler gives every error.
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", BASE + type);
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
    return false;
  }
}
