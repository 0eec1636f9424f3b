package io.annota.deid.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateFinderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "seen 2024-03-05 in clinic|2024-03-05",
        "at 2024-03-05T10:15:00Z then|2024-03-05T10:15:00Z",
        "at 2024-03-05 10:15 then|2024-03-05 10:15",
        "on 2024/03/05.|2024/03/05",
        "seen 03/05/2024.|03/05/2024",
        "seen 3/5/24 by|3/5/24",
        "seen 05.03.2024 by|05.03.2024",
        "seen 25-12-2023 by|25-12-2023",
        "admitted 03/05/2024 10:30 AM for|03/05/2024 10:30 AM",
        "seen March 5, 2024 again|March 5, 2024",
        "seen Mar. 7 again|Mar. 7",
        "seen Sept 7th, 2021 again|Sept 7th, 2021",
        "on Tuesday, March 5, 2024 at 9:00 she|Tuesday, March 5, 2024 at 9:00",
        "seen 5th of March 2024 again|5th of March 2024",
        "seen 5 March 2024 again|5 March 2024",
        "seen 05-Mar-2024 again|05-Mar-2024",
        "since May 2021 no|May 2021",
        "since 03/2021 no|03/2021",
        "DOB JULY 19, 1984.|JULY 19, 1984"})
    void datesInCommonFormatsAreFoundWhole(String text, String date) {
        assertThat(Spans.dates(text)).contains("DATE=" + date);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BP 120/80, HR 72",
        "diagnosed in 2019, may take 2 tablets",
        "version 1.2.3 installed",
        "ratio 3/4 of patients",
        "score 13/25/2024 invalid",
        "troponin 0.01 ng/mL at 10:30",
        "may 5 patients come",
        "the march 2 miles"})
    void numbersThatAreNoDatesAreKept(String text) {
        assertThat(Spans.dates(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "03/05/2024|45|04/19/2024",
        "3/5/24|45|4/19/24",
        "March 5, 2024|45|April 19, 2024",
        "Mar. 5, 2024|45|Apr. 19, 2024",
        "MARCH 5, 2024|-5|FEBRUARY 29, 2024",
        "2024-03-05|45|2024-04-19",
        "2024-03-05T10:15:00Z|1|2024-03-06T10:15:00Z",
        "5th of March 2024|-4|1st of March 2024",
        "Tuesday, March 5, 2024|1|Wednesday, March 6, 2024",
        "05-Mar-2024|30|04-Apr-2024",
        "25.12.2023|7|01.01.2024",
        "May 2021|31|June 2021",
        "03/2024|-60|01/2024"})
    void shiftedDatesKeepTheirFormat(String written, int days, String expected) {
        assertThat(DateFinder.shift(written, days)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"March 5", "5th of March", "Mar. 7", "not a date", "13/45/2024"})
    void datesWithoutYearOrUnreadableAreNotShifted(String written) {
        assertThat(DateFinder.shift(written, 10)).isNull();
    }
}
