package io.sequor.app.embedded;

import io.sequor.api.dev.DevLinkedIn;
import io.sequor.domain.config.SequorProperties;
import io.sequor.worker.linkedin.SandboxLinkedInGateway;
import io.sequor.worker.linkedin.SandboxProfile;
import io.sequor.worker.linkedin.ScriptEntry;
import java.util.List;
import java.util.Optional;

/**
 * The dev API's view of the worker's LinkedIn sandbox. The api cannot see the worker, and in the
 * embedded runtime both live in this process, so the two meet here.
 */
final class SandboxControls implements DevLinkedIn {

  private final Optional<SandboxLinkedInGateway> sandbox;
  private final SequorProperties.LinkedIn.Gateway gateway;

  SandboxControls(SandboxLinkedInGateway sandbox, SequorProperties.LinkedIn.Gateway gateway) {
    this.sandbox = Optional.ofNullable(sandbox);
    this.gateway = gateway;
  }

  @Override
  public Optional<String> unavailable() {
    if (gateway != SequorProperties.LinkedIn.Gateway.SANDBOX || sandbox.isEmpty()) {
      return Optional.of(
          "sequor.linkedin.gateway is "
              + gateway
              + (gateway == SequorProperties.LinkedIn.Gateway.MANUAL
                  ? ": reps send LinkedIn steps by hand"
                  : ": LinkedIn steps go to the provider"));
    }
    return Optional.empty();
  }

  @Override
  public List<Profile> profiles() {
    return gateway().profiles().stream().map(SandboxControls::view).toList();
  }

  @Override
  public Profile profile(String url) {
    return view(gateway().profile(url));
  }

  @Override
  public Profile set(Profile profile) {
    return view(
        gateway()
            .set(
                new SandboxProfile(
                    profile.url(),
                    profile.openProfile(),
                    profile.blocksInMail(),
                    profile.script().stream()
                        .map(
                            s ->
                                ScriptEntry.waiting(
                                    ScriptEntry.Trigger.valueOf(s.on().name()),
                                    s.respond(),
                                    s.after(),
                                    s.text(),
                                    s.returnAt()))
                        .toList())));
  }

  @Override
  public Profile reset(String url) {
    return view(gateway().reset(url));
  }

  private SandboxLinkedInGateway gateway() {
    return sandbox.orElseThrow(() -> new IllegalStateException("the sandbox is not in use"));
  }

  private static Profile view(SandboxProfile profile) {
    return new Profile(
        profile.url(),
        profile.openProfile(),
        profile.blocksInMail(),
        profile.script().stream()
            .map(
                e ->
                    new Scripted(
                        Trigger.valueOf(e.on().name()),
                        e.respond(),
                        e.after(),
                        e.text(),
                        e.returnAt(),
                        e.firedBy(),
                        e.landsAt()))
            .toList());
  }
}
