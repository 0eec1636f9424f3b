package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each built-in profile does to places, dates, years and ages in free text. */
class TextProfilesTest {

    private static TextScrubber scrubber(String profile) {
        return new ResourceDeidentifier(Fixtures.R4, new DeidentificationSettings(Fixtures.KEY, profile, null))
                .textScrubber();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // towns stay in a limited data set; institutions, names and ages over 89 never do
        "limited-data-set|pt lives in Baltimore with her son.|pt lives in Baltimore with her son.",
        "limited-data-set|Transferred to GH for cath.|Transferred to [LOCATION] for cath.",
        "limited-data-set|92 yo woman seen by Dr. Okonkwo.|[AGE] yo woman seen by Dr. [NAME].",
        "safe-harbor|pt lives in Baltimore with her son.|pt lives in [LOCATION] with her son.",
        "safe-harbor|Transferred to GH for cath.|Transferred to [LOCATION] for cath.",
        // Safe Harbor keeps a bare year, removes every other date element
        "safe-harbor|PMH: MI in 1992, CABG '95.|PMH: MI in 1992, CABG '95.",
        "safe-harbor|extubated 7/22, reintubated the 24th.|extubated [DATE], reintubated the [DATE]."})
    void profilesApplyToText(String profile, String text, String expected) {
        assertThat(scrubber(profile).scrub(text, Set.of(), null)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void everyReplacementIsReportedByTypeAndRule() {
        TextScrubber scrubber = scrubber("safe-harbor");
        java.util.List<String> seen = new java.util.ArrayList<>();
        scrubber.onReplaced((type, rule) -> seen.add(type + " " + rule));
        scrubber.scrub("extubated 7/22, seen by dr Quindlemoor.", Set.of(), null);
        assertThat(seen).containsExactly("DATE date:shorthand", "NAME cue:title");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // dates: keep (the limited data set) passes 0 days: every date stays as written, with or without a year
        "extubated 7/22, reintubated the 24th, MI 3/5/1992.|extubated 7/22, reintubated the 24th, MI 3/5/1992.",
        "Seen by Dr. Okonkwo on March 5.|Seen by Dr. [NAME] on March 5."})
    void keptDatesStayAsWritten(String text, String expected) {
        assertThat(scrubber("limited-data-set").scrub(text, Set.of(), 0)).isEqualTo(expected);
    }
}
