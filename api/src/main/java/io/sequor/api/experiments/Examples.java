package io.sequor.api.experiments;

/** Example bodies for the OpenAPI description. */
final class Examples {
  private Examples() {}

  static final String EXPERIMENT =
      """
      {"id": "3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f",
       "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de",
       "sequenceVersionId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "stepKey": "day-0-inmail",
       "varies": "SUBJECT", "variants": ["A", "B"], "metric": "REPLY",
       "stopAtProbability": 0.95, "stopAfterSendsPerVariant": null, "status": "RUNNING",
       "winner": null, "endedReason": null, "endedAt": null,
       "createdAt": "2026-11-20T09:00:00Z"}
      """;

  static final String PAGE =
      "{\"items\": ["
          + EXPERIMENT
          + "], \"nextCursor\": \"MjAyNi0xMS0yMFQwOTowMDowMFp8M2YyZTFkMGM\"}";

  static final String REPORT =
      """
      {"id": "3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f",
       "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de",
       "sequenceVersionId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "stepKey": "day-0-inmail",
       "varies": "SUBJECT", "variants": ["A", "B"], "metric": "REPLY",
       "stopAtProbability": 0.95, "stopAfterSendsPerVariant": null, "status": "ENDED",
       "winner": "B",
       "endedReason": "B beat A on reply rate with probability 0.962 (stop at 0.950)",
       "endedAt": "2026-12-04T10:12:00Z", "createdAt": "2026-11-20T09:00:00Z",
       "arms": [
         {"variant": "A", "assigned": 40, "sends": 40, "replies": 3, "positiveReplies": 1,
          "replyRate": 0.075, "positiveReplyRate": 0.025},
         {"variant": "B", "assigned": 40, "sends": 40, "replies": 8, "positiveReplies": 3,
          "replyRate": 0.2, "positiveReplyRate": 0.075}],
       "comparisons": [
         {"variant": "B", "control": "A", "metric": "REPLY", "probabilityBeatsControl": 0.962,
          "differenceLower": -0.018, "differenceUpper": 0.268, "fisherP": 0.193,
          "sentence": "B beats A on reply rate with 96% probability after 40 and 40 sends: adopt B"},
         {"variant": "B", "control": "A", "metric": "POSITIVE", "probabilityBeatsControl": 0.84,
          "differenceLower": -0.05, "differenceUpper": 0.16, "fisherP": 0.615,
          "sentence":
            "B beats A on positive reply rate with 84% probability after 40 and 40 sends; keep testing"}]}
      """;

  static final String END = "{\"winner\": \"B\"}";
}
