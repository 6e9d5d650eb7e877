package io.sequor.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.inbound.Classification.Kind;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The cases a naive classifier gets wrong, one message each. */
class TrickyCasesTest {

  private static final InboundClassifier CLASSIFIER = CorpusTest.CLASSIFIER;
  private static final Instant RECEIVED = Instant.parse("2027-03-03T10:00:00Z");

  @Nested
  class OutOfOffice {

    @Test
    void aVacationReplyFromAPostmasterMailboxWithBulkHeadersIsNotABounce() {
      Classification c =
          classify(
              """
              From: Shop Postmaster <postmaster@tiny-shop.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0100
              Subject: Out of office
              Precedence: bulk
              Auto-Submitted: auto-replied
              Return-Path: <>

              We are on holiday until 15 March. Orders placed now ship after we are back.
              Error 550? No: just closed for a fortnight.
              """);

      assertThat(c.kind()).isEqualTo(Kind.AUTO_REPLY);
      assertThat(c.returnAt())
          .isEqualTo(OffsetDateTime.parse("2027-03-15T00:00+01:00").toInstant());
    }

    @Test
    void aDateWithoutAYearIsTheNextOneAfterReceipt() {
      Classification c =
          classify(
              """
              From: Maya <maya@redwood.example>
              Date: Wed, 29 Dec 2027 18:00:00 +0000
              Subject: Automatic reply: hello

              I am out of the office and back on 3 January.
              """,
              Instant.parse("2027-12-29T18:00:05Z"));

      assertThat(c.returnAt()).isEqualTo(Instant.parse("2028-01-03T00:00:00Z"));
    }

    @Test
    void theDateAfterAWeekdayIsThePreciseOne() {
      Classification c =
          classify(
              """
              From: Erik <erik@fjord.example>
              Date: Wed, 3 Mar 2027 11:00:00 +0100
              Subject: Out of Office

              I'm on leave and back on Monday, 22 March, at 10:30.
              """);

      assertThat(c.returnAt())
          .isEqualTo(OffsetDateTime.parse("2027-03-22T10:30+01:00").toInstant());
    }

    @Test
    void aReturnCueWinsOverAnEarlierUntil() {
      Classification c =
          classify(
              """
              From: Anna <anna@lager.example>
              Date: Wed, 3 Mar 2027 11:00:00 +0100
              Subject: Abwesenheitsnotiz

              Ich bin bis zum 9. März im Urlaub und ab dem 10. März wieder im Büro.
              """);

      assertThat(c.returnAt())
          .isEqualTo(OffsetDateTime.parse("2027-03-10T00:00+01:00").toInstant());
    }

    @Test
    void withoutADateHeaderTheReturnDayStartsInUtc() {
      Classification c =
          classify(
              """
              From: Ana <ana@porto.example>
              Subject: Resposta automática

              Estou de férias, de volta em 8 de março.
              """);

      assertThat(c.returnAt()).isEqualTo(Instant.parse("2027-03-08T00:00:00Z"));
    }

    @Test
    void withoutReceivedAtTheDateHeaderAnchorsAYearlessDate() {
      Classification c =
          classify(
              """
              From: Hannah <hannah@thames.example>
              Date: Tue, 2 Mar 2027 09:15:03 +0000
              Subject: Automatic reply: hello

              I am currently out of the office and will be back on 14 March.
              """,
              null);

      assertThat(c.returnAt()).isEqualTo(Instant.parse("2027-03-14T00:00:00Z"));
    }

    @Test
    void headersAloneMakeAnAutoReplyWithoutADate() {
      Classification c =
          classify(
              """
              From: Helpdesk <help@vendor.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: We got your message
              X-Auto-Response-Suppress: All

              Thanks, a member of our team will answer within two working days.
              """);

      assertThat(c.kind()).isEqualTo(Kind.AUTO_REPLY);
      assertThat(c.returnAt()).isNull();
      assertThat(c.reason()).isEqualTo("header X-Auto-Response-Suppress");
    }

    @Test
    void autoSubmittedNoIsAPersonWriting() {
      Classification c =
          classify(
              """
              From: Lea <lea@studio.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Quick question
              Auto-Submitted: no

              Sure, call me tomorrow.
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
    }
  }

  @Nested
  class Replies {

    @Test
    void maybeBackInTouchInMarchIsAReplyNotAnOutOfOffice() {
      Classification c =
          classify(
              """
              From: Hedy <hedy@spectrum.example>
              Date: Thu, 21 Jan 2027 17:40:05 +0100
              Subject: Re: Quick question

              Not now, maybe back in touch in March?
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
      assertThat(c.returnAt()).isNull();
    }

    @Test
    void awayNextWeekWithAQuestionIsAPersonWriting() {
      Classification c =
          classify(
              """
              From: Ines <ines@atlas.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Quick question

              I'll be away until Friday 12 March. Could we talk the week after?
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
    }

    @Test
    void quotingOurUnsubscribeFooterIsStillAReply() {
      Classification c =
          classify(
              """
              From: Grace <grace@cobol.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Quick question
              In-Reply-To: <e1.email-day-0@sequor.local>

              Sounds good.

              On Tue, 2 Mar 2027 at 09:14, Sam <sam.rivera@northwind-outreach.example> wrote:
              > Worth a call?
              > --
              > Don't want these emails? Unsubscribe: https://northwind-outreach.example/u/x
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
      assertThat(c.originalMessageId()).isEqualTo("<e1.email-day-0@sequor.local>");
    }

    @Test
    void aNegatedRequestIsNotAnUnsubscribe() {
      Classification c =
          classify(
              """
              From: Tom <tom@solar.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Quick question

              Please don't unsubscribe me, the timing is just bad. Try me in April.
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
    }

    @Test
    void aLongReplyThatAsksToRemoveSomeoneElseIsAReply() {
      Classification c =
          classify(
              """
              From: Nina <nina@polar.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Quick question

              Thanks Sam, this is relevant for us. We are a team of twelve and use
              HubSpot; can you send pricing and a customer story from manufacturing?
              I would also like to see how the LinkedIn steps work with our own seats,
              and whether you support German templates. Please remove my colleague
              Jan from the thread, he has moved to another team. Stop by our booth at
              the trade fair next month if you are around.
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
    }
  }

  @Nested
  class Unsubscribes {

    @Test
    void aBareStopIsAnUnsubscribe() {
      Classification c =
          classify(
              """
              From: Frank <frank@gym.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Following up
              In-Reply-To: <f1.email-day-3@sequor.local>

              STOP
              """);

      assertThat(c.kind()).isEqualTo(Kind.UNSUBSCRIBE);
      assertThat(c.originalMessageId()).isEqualTo("<f1.email-day-3@sequor.local>");
      assertThat(c.reason()).isEqualTo("unsubscribe word (en)");
    }

    @Test
    void anOwnSubjectThatStartsWithStopIsNotACommand() {
      Classification c =
          classify(
              """
              From: Rui <rui@vinhos.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Stop losing deals

              Interesting, tell me more about the LinkedIn part and the pricing for us.
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
    }
  }

  @Nested
  class Bounces {

    @Test
    void aSuccessfulDeliveryReportIsNotABounce() {
      Classification c =
          classify(
              """
              From: Mail Delivery System <MAILER-DAEMON@mx.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Successful Mail Delivery Report
              MIME-Version: 1.0
              Content-Type: multipart/report; report-type=delivery-status; boundary="b"

              --b
              Content-Type: text/plain

              Your message was successfully delivered to the destination(s) listed below.

              --b
              Content-Type: message/delivery-status

              Reporting-MTA: dns; mx.example

              Final-Recipient: rfc822; ada@engines.example
              Action: delivered
              Status: 2.0.0

              --b--
              """);

      assertThat(c.kind()).isEqualTo(Kind.NOTICE);
      assertThat(c.reason()).isEqualTo("DSN without failure");
    }

    @Test
    void aDelayThatGaveUpWithATemporaryStatusIsTransient() {
      Classification c =
          classify(
              """
              From: MAILER-DAEMON@mx.example
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Undelivered Mail Returned to Sender
              MIME-Version: 1.0
              Content-Type: multipart/report; report-type=delivery-status; boundary="b"

              --b
              Content-Type: text/plain

              Delivery timed out.

              --b
              Content-Type: message/delivery-status

              Reporting-MTA: dns; mx.example

              Final-Recipient: rfc822; Ada@Engines.example
              Action: failed
              Status: 4.4.7

              --b--
              """);

      assertThat(c.kind()).isEqualTo(Kind.BOUNCE_TRANSIENT);
      assertThat(c.statusCode()).isEqualTo("4.4.7");
      assertThat(c.bouncedRecipient()).isEqualTo("ada@engines.example");
      assertThat(c.reason()).isEqualTo("DSN status 4.4.7 (failed)");
    }

    @Test
    void aBounceFromOurOwnMailServerIsABounceNotOurOwnMessage() {
      Classification c =
          classify(
              """
              From: MAILER-DAEMON@sequor.local (Mail Delivery System)
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Message-ID: <20270303090000.4Zq@sequor.local>
              Subject: Undelivered Mail Returned to Sender
              MIME-Version: 1.0
              Content-Type: multipart/report; report-type=delivery-status; boundary="b"

              --b
              Content-Type: text/plain

              Your message could not be delivered.

              --b
              Content-Type: message/delivery-status

              Reporting-MTA: dns; sequor.local

              Final-Recipient: rfc822; ada@engines.example
              Action: failed
              Status: 5.1.1

              --b--
              """);

      assertThat(c.kind()).isEqualTo(Kind.BOUNCE_PERMANENT);
    }

    @Test
    void aHumanForwardingABounceIsAReply() {
      Classification c =
          classify(
              """
              From: Ada <ada@engines.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Re: Undeliverable: Quick question

              Your mail to my old address bounced, use this one instead. 550 5.1.1 is the old one.
              """);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
    }
  }

  @Nested
  class OwnMessages {

    @Test
    void ourOwnCopyIsOursWhateverItSays() {
      Classification c =
          classify(
              """
              From: Sam Rivera <SAM.RIVERA@northwind-outreach.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Automatic reply: unsubscribe
              Auto-Submitted: auto-replied

              I'm out of the office until Monday. Unsubscribe.
              """);

      assertThat(c.kind()).isEqualTo(Kind.OWN_MESSAGE);
      assertThat(c.reason()).isEqualTo("From an own address");
    }

    @Test
    void ownDomainsAndAddressesAreCompared() {
      InboundClassifier other = new InboundClassifier(Set.of("Mail.Acme.example"), null);
      Classification c =
          other.classify(
              mail(
                  """
                  From: bot@acme.example
                  Message-ID: <x1@mail.acme.example>
                  Subject: hi

                  hi
                  """),
              RECEIVED);

      assertThat(c.kind()).isEqualTo(Kind.OWN_MESSAGE);
    }
  }

  @Nested
  class MalformedInput {

    @Test
    void garbageIsAReplyNotAnException() {
      byte[] garbage = new byte[4096];
      new Random(42).nextBytes(garbage);

      Classification c = CLASSIFIER.classify(mail(garbage), RECEIVED);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
    }

    @Test
    void aNullMessageIsAReplyWithAReason() {
      Classification c = CLASSIFIER.classify(null, RECEIVED);

      assertThat(c.kind()).isEqualTo(Kind.REPLY);
      assertThat(c.reason()).contains("no message");
    }

    @Test
    void aBrokenMultipartAndAnUnknownCharsetStillReadTheText() {
      Classification c =
          classify(
              """
              From: "Broken <client@odd.example>
              Date: not a date
              Subject: =?x-unknown?Q?Re:_hi?=
              MIME-Version: 1.0
              Content-Type: multipart/mixed; boundary="never-closed"

              --never-closed
              Content-Type: text/plain; charset=x-made-up
              Content-Transfer-Encoding: base64

              UGxlYXNlIHJlbW92ZSBtZSBmcm9tIHlvdXIgbGlzdC4=!!!
              """);

      assertThat(c.kind()).isEqualTo(Kind.UNSUBSCRIBE);
    }

    @Test
    void anUnreadableDeliveryReportFallsBackToTheText() {
      Classification c =
          classify(
              """
              From: Mail Delivery System <MAILER-DAEMON@mx.example>
              Date: Wed, 3 Mar 2027 09:00:00 +0000
              Subject: Undelivered Mail Returned to Sender
              MIME-Version: 1.0
              Content-Type: multipart/report; report-type=delivery-status; boundary="b"

              --b
              Content-Type: text/plain

              <ada@engines.example>: host mx.engines.example said: 550 5.1.1 User unknown

              --b
              Content-Type: message/delivery-status
              Content-Transfer-Encoding: base64

              %%% not base64 and not fields %%%
              --b--
              """);

      assertThat(c.kind()).isEqualTo(Kind.BOUNCE_PERMANENT);
      assertThat(c.statusCode()).isEqualTo("5.1.1");
      assertThat(c.bouncedRecipient()).isEqualTo("ada@engines.example");
    }
  }

  private static Classification classify(String raw) {
    return classify(raw, RECEIVED);
  }

  private static Classification classify(String raw, Instant receivedAt) {
    return CLASSIFIER.classify(mail(raw), receivedAt);
  }

  private static MimeMessage mail(String raw) {
    return mail(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static MimeMessage mail(byte[] raw) {
    try {
      return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
