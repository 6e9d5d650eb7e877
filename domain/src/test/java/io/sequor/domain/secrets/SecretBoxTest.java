package io.sequor.domain.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static final String KEY = SecretBox.newKey();
  private static final String CONTEXT = "mailbox:sales:smtp";

  private static SecretBox box(String key, String... previous) {
    return new SecretBox(new SecretsProperties(key, List.of(previous)));
  }

  @Test
  void aSealedPasswordOpensToItselfAndNeverShowsInTheSealedForm() {
    SecretBox box = box(KEY);
    String sealed = box.seal("hunter2-päss", CONTEXT);

    assertThat(sealed).startsWith("gcm1:" + box.currentKeyId().orElseThrow() + ":");
    assertThat(sealed).doesNotContain("hunter2");
    assertThat(box.open(sealed, CONTEXT)).isEqualTo("hunter2-päss");
  }

  @Test
  void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
    SecretBox box = box(KEY);
    assertThat(box.seal("same", CONTEXT)).isNotEqualTo(box.seal("same", CONTEXT));
  }

  @Nested
  class Tampering {

    @Test
    void aChangedByteIsDetectedInsteadOfDecryptedIntoGarbage() {
      SecretBox box = box(KEY);
      String sealed = box.seal("hunter2", CONTEXT);
      int split = sealed.lastIndexOf(':') + 1;
      byte[] body = Base64.getDecoder().decode(sealed.substring(split));
      body[body.length - 5] ^= 0x01;
      String altered = sealed.substring(0, split) + Base64.getEncoder().encodeToString(body);

      assertThatThrownBy(() -> box.open(altered, CONTEXT))
          .isInstanceOf(SecretException.class)
          .hasMessageContaining("integrity")
          .hasMessageNotContaining("hunter2");
    }

    @Test
    void aValueCopiedToAnotherMailboxDoesNotOpenThere() {
      SecretBox box = box(KEY);
      String sealed = box.seal("hunter2", CONTEXT);

      assertThatThrownBy(() -> box.open(sealed, "mailbox:other:smtp"))
          .isInstanceOf(SecretException.class);
    }

    @Test
    void aTruncatedOrForeignValueIsRefused() {
      SecretBox box = box(KEY);
      String sealed = box.seal("hunter2", CONTEXT);

      assertThatThrownBy(() -> box.open(sealed.substring(0, 20), CONTEXT))
          .isInstanceOf(SecretException.class);
      assertThatThrownBy(() -> box.open("hunter2", CONTEXT)).isInstanceOf(SecretException.class);
    }
  }

  @Nested
  class Keys {

    @Test
    void afterARotationValuesUnderThePreviousKeyStillOpenAndAreToldApart() {
      String oldKey = SecretBox.newKey();
      String sealedUnderOld = box(oldKey).seal("hunter2", CONTEXT);
      SecretBox rotated = box(KEY, oldKey);

      assertThat(rotated.open(sealedUnderOld, CONTEXT)).isEqualTo("hunter2");
      assertThat(rotated.isCurrent(sealedUnderOld)).isFalse();
      assertThat(rotated.isCurrent(rotated.seal("hunter2", CONTEXT))).isTrue();
    }

    @Test
    void aValueUnderAKeyNobodyConfiguredNamesThatKeyButNotTheSecret() {
      String sealed = box(SecretBox.newKey()).seal("hunter2", CONTEXT);
      SecretBox other = box(KEY);

      assertThat(other.canOpen(sealed)).isFalse();
      assertThatThrownBy(() -> other.open(sealed, CONTEXT))
          .isInstanceOf(SecretException.class)
          .hasMessageContaining(other.keyIdOf(sealed))
          .hasMessageNotContaining("hunter2");
    }

    @Test
    void withoutAKeyNothingCanBeSealed() {
      SecretBox none = box("");
      assertThat(none.hasKey()).isFalse();
      assertThatThrownBy(() -> none.seal("hunter2", CONTEXT))
          .isInstanceOf(SecretException.class)
          .hasMessageContaining("SEQUOR_SECRETS_KEY");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedNamingTheProperty() {
      String short16 = Base64.getEncoder().encodeToString(new byte[16]);
      assertThatThrownBy(() -> box(short16))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("sequor.secrets.key")
          .hasMessageContaining("32 bytes");
      assertThatThrownBy(() -> box(KEY, "not base64!"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("sequor.secrets.previous-keys[0]");
    }
  }
}
