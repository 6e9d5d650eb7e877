package io.sequor.inbound;

import static io.sequor.inbound.ReplySignal.AGREES_TO_CALL;
import static io.sequor.inbound.ReplySignal.ASKS_FOR_ASSET;
import static io.sequor.inbound.ReplySignal.INTERESTED_LATER;
import static io.sequor.inbound.ReplySignal.NONE;
import static io.sequor.inbound.ReplySignal.NOT_INTERESTED;
import static io.sequor.inbound.ReplySignal.QUESTION;
import static io.sequor.inbound.ReplySignal.ROUTES_TO_OWNER;
import static io.sequor.inbound.ReplySignal.STOP;
import static io.sequor.inbound.ReplySignal.WRONG_PERSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Human replies as prospects write them, quoted original and signature included. */
class ReplyClassifierTest {

  private static final ReplyClassifier CLASSIFIER = ReplyClassifier.standard();

  /** The message of ours they answer, as mail clients quote it below a reply. */
  private static final String QUOTED_EN =
      """

      On Mon, 1 Mar 2027 at 09:00, Sam Berg <sam@sequor.example> wrote:
      > Hi Laura, saw you're hiring two SDRs. We cut ramp time for teams like yours.
      > Worth a 15-minute call Tuesday or Wednesday? Happy to send the teardown too.
      >
      > Sam
      """;

  private static ReplyVerdict classify(String text) {
    return CLASSIFIER.classify(text, ReplyClassifier.DEFAULT_POSITIVE);
  }

  @Nested
  class AgreesToCall {

    @Test
    void happyToChatIsAPositiveAgreement() {
      ReplyVerdict v =
          classify(
              """
              Hi Sam,

              Happy to chat. Tuesday at 10 works for me.

              Best,
              Laura
              Head of Growth | Acme
              """
                  + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(AGREES_TO_CALL);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
      assertThat(v.matchedPhrase()).isEqualTo("happy to chat");
      assertThat(v.language()).isEqualTo("en");
    }

    @Test
    void aFrenchYesToAnExchange() {
      ReplyVerdict v =
          classify(
              """
              Bonjour Sam,

              Volontiers pour un échange, mardi me va.

              Cordialement,
              Claire Martin

              Le lun. 1 mars 2027 à 09:00, Sam Berg <sam@sequor.example> a écrit :
              > Un appel de 15 minutes mardi ou mercredi ?
              """);

      assertThat(v.signal()).isEqualTo(AGREES_TO_CALL);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
      assertThat(v.language()).isEqualTo("fr");
    }

    @Test
    void aGermanYesWithAQuestionAboutTheTimeIsStillAYes() {
      ReplyVerdict v =
          classify(
              """
              Hallo Sam,

              gerne können wir telefonieren. Passt Ihnen Mittwoch um 10 Uhr?

              Viele Grüße
              Jonas Keller

              Am 01.03.2027 um 09:00 schrieb Sam Berg <sam@sequor.example>:
              > Lohnt sich ein kurzes Gespräch am Dienstag oder Mittwoch?
              """);

      assertThat(v.signal()).isEqualTo(AGREES_TO_CALL);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
      assertThat(v.language()).isEqualTo("de");
    }

    @Test
    void aBareYesAgreesButNotSureDoesNot() {
      assertThat(classify("Sure!\n" + QUOTED_EN).signal()).isEqualTo(AGREES_TO_CALL);
      assertThat(classify("Ja, gerne.").signal()).isEqualTo(AGREES_TO_CALL);
      assertThat(classify("Not sure.\n" + QUOTED_EN).signal()).isEqualTo(NONE);
    }

    @Test
    void proposingATimeIsAYesThoughItEndsInAQuestionMark() {
      ReplyVerdict v = classify("Can we do Tuesday at 3pm?\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(AGREES_TO_CALL);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
    }

    @Test
    void aCallLinkInTheSignatureIsNotAnAgreement() {
      ReplyVerdict v =
          classify(
              """
              Thanks for reaching out. Not right now, we're mid-migration.

              Thanks,
              Tom
              VP Sales, Acme | Book a call with me: https://cal.example/tom
              """
                  + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(INTERESTED_LATER);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
    }
  }

  @Nested
  class AsksForAsset {

    @Test
    void sendMeTheTeardownAboveAnOutlookHeader() {
      ReplyVerdict v =
          classify(
              """
              Sure, send me the teardown and I'll have a look.

              Mark

              From: Sam Berg <sam@sequor.example>
              Sent: Monday, March 1, 2027 9:00 AM
              To: Mark Lee <mark@lee.example>
              Subject: Your pricing page

              Happy to chat Tuesday, or want the two-page teardown?
              """);

      assertThat(v.signal()).isEqualTo(ASKS_FOR_ASSET);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
      assertThat(v.matchedPhrase()).isEqualTo("send me the teardown");
    }

    @Test
    void aSpanishRequestForTheReport() {
      ReplyVerdict v =
          classify(
              """
              Hola Sam,

              ¿Me puedes enviar el informe? Lo reviso esta semana.

              Saludos,
              Lucía

              El lun, 1 mar 2027 a las 9:00, Sam Berg (<sam@sequor.example>) escribió:
              > ¿Te envío el informe de dos páginas?
              """);

      assertThat(v.signal()).isEqualTo(ASKS_FOR_ASSET);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
      assertThat(v.language()).isEqualTo("es");
    }

    @Test
    void aDutchRequestForTheTeardown() {
      ReplyVerdict v =
          classify(
              """
              Stuur me de teardown maar, dan kijk ik ernaar.

              Met vriendelijke groet,
              Pieter de Vries

              Op ma 1 mrt 2027 om 09:00 schreef Sam Berg <sam@sequor.example>:
              > Zal ik de teardown sturen?
              """);

      assertThat(v.signal()).isEqualTo(ASKS_FOR_ASSET);
      assertThat(v.language()).isEqualTo("nl");
    }
  }

  @Nested
  class RoutesToOwner {

    private static final String NOT_ME_TALK_TO_JANE =
        """
        Hi Sam,

        I'm not the right person, talk to Jane (jane@acme.example), she runs our funnel.

        Best,
        Tom
        """
            + QUOTED_EN;

    @Test
    void notTheRightPersonButNamingJaneRoutesToTheOwner() {
      ReplyVerdict v = classify(NOT_ME_TALK_TO_JANE);

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
    }

    @Test
    void aWorkspaceThatDoesNotCountReferralsGetsAReferral() {
      ReplyVerdict v =
          CLASSIFIER.classify(NOT_ME_TALK_TO_JANE, EnumSet.of(AGREES_TO_CALL, ASKS_FOR_ASSET));

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
      assertThat(v.classification()).isEqualTo(ReplyClass.REFERRAL);
    }

    @Test
    void copyingTheCtoRoutes() {
      ReplyVerdict v = classify("I've cc'd our CTO, who owns this. Over to you.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
    }

    @Test
    void aNameBeforeTheRoutingPhraseRoutes() {
      ReplyVerdict v = classify("Priya Shah handles this on our side, I'd ping her.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
    }

    @Test
    void notTheRightPersonWithAnAddressInTheSameParagraphRoutes() {
      ReplyVerdict v =
          classify(
              """
              Not the right person for this one.
              Our marketing ops lead is at ops-lead@acme.example.
              """
                  + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
    }

    @Test
    void someoneWhoLeftNamingTheirSuccessorRoutes() {
      ReplyVerdict v = classify("I no longer work at Acme. Try Ben Ortiz instead.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
    }

    @Test
    void aGermanReferralToFrauSchulz() {
      ReplyVerdict v =
          classify(
              """
              Hallo Herr Berg,

              dafür bin ich nicht zuständig. Wenden Sie sich bitte an Frau Schulz
              (anna.schulz@firma.example).

              Mit freundlichen Grüßen
              Jonas Keller

              -----Ursprüngliche Nachricht-----
              Von: Sam Berg <sam@sequor.example>
              Gesendet: Montag, 1. März 2027 09:00
              """);

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
      assertThat(v.language()).isEqualTo("de");
    }

    @Test
    void anItalianReferralToAColleague() {
      ReplyVerdict v =
          classify(
              """
              Buongiorno,

              non sono la persona giusta: parli con il mio collega Marco Bianchi.

              Cordiali saluti,
              Giulia

              Il giorno lun 1 mar 2027 alle ore 09:00 Sam Berg <sam@sequor.example> ha scritto:
              > Una call di 15 minuti martedì?
              """);

      assertThat(v.signal()).isEqualTo(ROUTES_TO_OWNER);
      assertThat(v.language()).isEqualTo("it");
    }

    @Test
    void happyToTalkToYouRoutesNowhere() {
      ReplyVerdict v = classify("Happy to talk to you on Monday.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(AGREES_TO_CALL);
    }
  }

  @Nested
  class InterestedLater {

    @Test
    void notNowTryMeInQ3() {
      ReplyVerdict v =
          classify(
              """
              Not now, we're mid-migration. Try me in Q3.

              Cheers,
              Ava
              """
                  + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(INTERESTED_LATER);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
      assertThat(v.matchedPhrase()).isEqualTo("not now");
    }

    @Test
    void aPortugueseNotNow() {
      ReplyVerdict v =
          classify(
              """
              Agora não, estamos fechando o orçamento. Volte a falar comigo no próximo trimestre.

              Abraços,
              Rafael

              Em seg., 1 de mar. de 2027 às 09:00, Sam Berg <sam@sequor.example> escreveu:
              > Vale uma call de 15 minutos?
              """);

      assertThat(v.signal()).isEqualTo(INTERESTED_LATER);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
      assertThat(v.language()).isEqualTo("pt");
    }

    @Test
    void notInterestedRightNowIsLaterNotARefusal() {
      ReplyVerdict v = classify("Not interested right now, maybe after the summer.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(INTERESTED_LATER);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
    }
  }

  @Nested
  class Question {

    @Test
    void howMuchIsAQuestionNotAYes() {
      ReplyVerdict v =
          classify(
              """
              How much is it per seat? We're about 40 people.

              Sent from my iPhone
              """
                  + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(QUESTION);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
      assertThat(v.matchedPhrase()).isEqualTo("how much");
    }

    @Test
    void aGermanPriceQuestion() {
      ReplyVerdict v = classify("Was kostet das pro Nutzer und Monat?\n\nGruß\nJonas");

      assertThat(v.signal()).isEqualTo(QUESTION);
      assertThat(v.language()).isEqualTo("de");
    }

    @Test
    void anyOtherQuestionIsKnownByItsQuestionMark() {
      ReplyVerdict v = classify("Is this the same team that built the Foo plugin?\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(QUESTION);
      assertThat(v.matchedPhrase()).isEqualTo("?");
      assertThat(v.language()).isNull();
    }
  }

  @Nested
  class NotInterested {

    @Test
    void notInterestedIsARefusalThoughItContainsInterested() {
      ReplyVerdict v = classify("Not interested, sorry.\n\nRegards,\nPaul\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(NOT_INTERESTED);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEGATIVE);
      assertThat(v.matchedPhrase()).isEqualTo("not interested");
    }

    @Test
    void iAmNotInterestedDoesNotReadAsIAmInterested() {
      ReplyVerdict v = classify("To be honest I am not really interested in a call.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(NOT_INTERESTED);
    }

    @Test
    void weAlreadyUseAnotherTool() {
      ReplyVerdict v =
          classify("Thanks Sam, but we already use Gong and we're happy with it.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(NOT_INTERESTED);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEGATIVE);
    }

    @Test
    void aSpanishNoThanks() {
      ReplyVerdict v =
          classify(
              """
              No, gracias. No nos interesa.

              Un saludo,
              Lucía
              """);

      assertThat(v.signal()).isEqualTo(NOT_INTERESTED);
      assertThat(v.language()).isEqualTo("es");
    }

    @Test
    void aDutchNoInterest() {
      ReplyVerdict v = classify("Geen interesse, we gebruiken al Salesforce.\n\nGroet,\nPieter");

      assertThat(v.signal()).isEqualTo(NOT_INTERESTED);
      assertThat(v.language()).isEqualTo("nl");
    }

    @Test
    void noThanksButSendTheDeckAsksForTheDeck() {
      ReplyVerdict v = classify("No thanks on the call, but send the deck.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(ASKS_FOR_ASSET);
      assertThat(v.classification()).isEqualTo(ReplyClass.POSITIVE);
    }

    @Test
    void ourQuotedOfferDoesNotTurnANoIntoAYes() {
      ReplyVerdict v = classify("No thanks.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(NOT_INTERESTED);
    }
  }

  @Nested
  class WrongPerson {

    @Test
    void notTheRightPersonNamingNobodyIsNegative() {
      ReplyVerdict v =
          classify(
              """
              I'm not the right person for this.

              Best,
              Tom
              Ops Manager | Acme | tom@acme.example
              """
                  + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(WRONG_PERSON);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEGATIVE);
    }

    @Test
    void notThePersonToTalkToRoutesNowhere() {
      ReplyVerdict v = classify("I'm not the right person to talk to about this.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(WRONG_PERSON);
    }

    @Test
    void aFrenchWrongPerson() {
      ReplyVerdict v =
          classify(
              """
              Bonjour, je ne suis pas la bonne personne pour ce sujet.

              Bonne journée
              """);

      assertThat(v.signal()).isEqualTo(WRONG_PERSON);
      assertThat(v.language()).isEqualTo("fr");
    }
  }

  @Nested
  class Stop {

    @Test
    void stopEmailingMeInALongReply() {
      ReplyVerdict v =
          classify(
              """
              Sam, this is the third email this month about the same thing. We have no SDRs, we
              are not hiring, and I have no idea where you got my address from. Stop emailing me
              and take this address out of whatever tool you are using.

              Paul
              """
                  + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(STOP);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEGATIVE);
    }

    @Test
    void stopWinsOverNoThanks() {
      ReplyVerdict v = classify("No thanks. Please remove me from your list.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(STOP);
    }

    @Test
    void aGermanRequestToStopWriting() {
      ReplyVerdict v =
          classify(
              """
              Sehr geehrter Herr Berg,

              wir haben kein Interesse. Schreiben Sie mir nicht mehr.

              Jonas Keller
              """);

      assertThat(v.signal()).isEqualTo(STOP);
      assertThat(v.language()).isEqualTo("de");
    }

    @Test
    void aNegatedStopIsNotAStop() {
      ReplyVerdict v = classify("Please don't remove me, send me the teardown.\n" + QUOTED_EN);

      assertThat(v.signal()).isEqualTo(ASKS_FOR_ASSET);
    }
  }

  /**
   * The human replies of the inbound corpus (written for inbound classification, before these
   * rules), read as the store keeps them: the text of the message, quote and signature included.
   */
  @Nested
  class Corpus {

    private static final Map<String, ReplySignal> EXPECTED =
        Map.ofEntries(
            Map.entry("01-short-yes-interested.eml", AGREES_TO_CALL),
            Map.entry("02-gmail-reply-quoting-unsubscribe-footer.eml", ASKS_FOR_ASSET),
            Map.entry("03-not-now-back-in-touch-in-march.eml", INTERESTED_LATER),
            Map.entry("04-fr-oui-interesse.eml", AGREES_TO_CALL),
            Map.entry("05-de-rueckfrage-outlook-quote.eml", QUESTION),
            Map.entry("06-es-pregunta-precio.eml", AGREES_TO_CALL),
            Map.entry("07-nl-bel-me-dinsdag.eml", AGREES_TO_CALL),
            Map.entry("08-pt-reuniao-quinta.eml", AGREES_TO_CALL),
            Map.entry("09-it-demo-settimana-prossima.eml", AGREES_TO_CALL),
            Map.entry("10-outlook-top-post-original-message.eml", AGREES_TO_CALL),
            Map.entry("11-html-only-reply.eml", ASKS_FOR_ASSET),
            Map.entry("12-was-on-holiday-sorry-for-late-reply.eml", AGREES_TO_CALL),
            Map.entry("13-mentions-unsubscribe-in-passing.eml", ASKS_FOR_ASSET),
            Map.entry("14-referral-to-colleague.eml", ROUTES_TO_OWNER),
            Map.entry("15-no-thanks-already-covered.eml", NOT_INTERESTED),
            Map.entry("16-reply-with-legal-disclaimer.eml", AGREES_TO_CALL),
            Map.entry("17-travelling-until-friday-with-question.eml", AGREES_TO_CALL),
            Map.entry("18-pt-outlook-quote-with-descadastrar-footer.eml", AGREES_TO_CALL),
            Map.entry("19-en-one-line-question.eml", QUESTION));

    @Test
    void everyHumanReplyOfTheCorpusGetsTheSignalAReaderWouldGiveIt() throws Exception {
      Path folder = Path.of("src/test/resources/corpus/reply");
      Map<String, ReplySignal> actual = new TreeMap<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
          actual.put(file.getFileName().toString(), classify(bodyOf(file)).signal());
        }
      }

      assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
    }

    private static String bodyOf(Path file) throws Exception {
      try (InputStream in = Files.newInputStream(file)) {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
        StringBuilder text = new StringBuilder();
        for (MailParts.Leaf leaf : MailParts.leaves(message)) {
          if (leaf.type().equals("text/plain")) {
            text.append(MailParts.text(leaf.part())).append('\n');
          } else if (leaf.type().equals("text/html")) {
            text.append(MailParts.htmlText(MailParts.text(leaf.part()))).append('\n');
          }
        }
        return text.toString();
      }
    }
  }

  @Nested
  class Classes {

    @Test
    void anEmptyBodyIsNoneAndNeutral() {
      for (String text : List.of("", "  \n ", QUOTED_EN.strip())) {
        ReplyVerdict v = classify(text);

        assertThat(v.signal()).as(text).isEqualTo(NONE);
        assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
        assertThat(v.matchedPhrase()).isNull();
      }
      assertThat(classify(null).signal()).isEqualTo(NONE);
    }

    @Test
    void aYesTheWorkspaceDoesNotCountIsNeutral() {
      ReplyVerdict v =
          CLASSIFIER.classify("Happy to chat on Tuesday.", EnumSet.of(ROUTES_TO_OWNER));

      assertThat(v.signal()).isEqualTo(AGREES_TO_CALL);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
    }

    @Test
    void nothingCountsAsPositiveInAWorkspaceThatCountsNothing() {
      ReplyVerdict v = CLASSIFIER.classify("Send me the deck please.", Set.of());

      assertThat(v.signal()).isEqualTo(ASKS_FOR_ASSET);
      assertThat(v.classification()).isEqualTo(ReplyClass.NEUTRAL);
    }

    @Test
    void onlyThePositiveCandidatesMayCountAsPositive() {
      assertThatThrownBy(() -> CLASSIFIER.classify("Tell me more", Set.of(QUESTION)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("QUESTION");
      assertThatThrownBy(
              () -> ReplyClassifier.checkPositiveSignals(List.of(AGREES_TO_CALL, NOT_INTERESTED)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NOT_INTERESTED");
      assertThatThrownBy(() -> CLASSIFIER.classify("Tell me more", null))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
