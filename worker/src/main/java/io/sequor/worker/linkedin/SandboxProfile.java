package io.sequor.worker.linkedin;

import java.util.List;

/**
 * How the sandbox behaves towards one LinkedIn member.
 *
 * @param url the profile URL, normalised as prospects' URLs are
 * @param openProfile an InMail to this member costs no credit
 * @param blocksInMail this member refuses InMail: the sandbox answers "recipient blocks InMail"
 * @param script answers the member gives to sends, each at most once
 */
public record SandboxProfile(
    String url, boolean openProfile, boolean blocksInMail, List<ScriptEntry> script) {

  public SandboxProfile {
    script = List.copyOf(script);
  }
}
