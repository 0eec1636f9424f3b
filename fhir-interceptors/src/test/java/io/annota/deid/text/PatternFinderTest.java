package io.annota.deid.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatternFinderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mail jo.doe+x@mail.example.com.|EMAIL=jo.doe+x@mail.example.com",
        "see https://portal.example.com/x?id=1.|URL=https://portal.example.com/x?id=1",
        "see www.example.org today|URL=www.example.org",
        "site clinic-example.org now|URL=clinic-example.org",
        "SSN 123-45-6789 on file|SSN=123-45-6789",
        "social security number: 123456789|SSN=123456789",
        "from host 10.0.0.12|IP=10.0.0.12",
        "from host 2001:db8:85a3::8a2e:370:7334 now|IP=2001:db8:85a3::8a2e:370:7334",
        "call (617) 555-0143 today|PHONE=(617) 555-0143",
        "call 617.555.0143 x204 today|PHONE=617.555.0143 x204",
        "call +1 617-555-0143 today|PHONE=+1 617-555-0143",
        "ring +44 20 7946 0958 today|PHONE=+44 20 7946 0958",
        "ring +41 (0)69 979 80 58 today|PHONE=+41 (0)69 979 80 58",
        "ring 024 971 50 30 today|PHONE=024 971 50 30",
        "fax: 0961-7596216 today|PHONE=0961-7596216",
        "pager 555-0199|PHONE=555-0199",
        "not answering at 99 668472|PHONE=99 668472",
        "my registered 668 5702. Thanks|PHONE=668 5702",
        "Office\\,07700 063 966-Fax|PHONE=07700 063 966",
        "MRN: 00123456|ID=00123456",
        "MR# A12345 admitted|ID=A12345",
        "medical record number 7788123|ID=7788123",
        "account no. 44-1192-7 open|ID=44-1192-7",
        "DEA # AB1234563 on file|ID=AB1234563",
        "NPI: 1234567893 on file|ID=1234567893",
        "driver's license D1234-5678 seen|ID=D1234-5678",
        "policy number XK99-102-33 valid|ID=XK99-102-33",
        "card 4454 7945 1139 0933 lost|ID=4454 7945 1139 0933",
        "IBAN GB73DZEN25124557982512 now|ID=GB73DZEN25124557982512",
        "ref 123456789012 today|ID=123456789012",
        "lives at 12 Elm Street with|ADDRESS=12 Elm Street",
        "at 4 N. Willow Creek Rd. today|ADDRESS=4 N. Willow Creek Rd.",
        "at 6750 Koskikatu 25 now|ADDRESS=6750 Koskikatu 25",
        "at Rue de la Paix 12, Paris|ADDRESS=Rue de la Paix 12",
        "in Apt. 864 now|ADDRESS=Apt. 864",
        "at P.O. Box 104 now|ADDRESS=P.O. Box 104",
        "Boston, MA 02118 now|ZIP=02118",
        "zip code 94105-1234 now|ZIP=94105-1234",
        "a 92-year-old woman|AGE=92",
        "aged 95 with|AGE=95",
        "age: 101 and|AGE=101"})
    void patternsFindTheirType(String text, String expected) {
        assertThat(Spans.patterns(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "type 2 diabetes mellitus",
        "a 45-year-old man, aged 89",
        "metformin 500 mg twice daily; lisinopril 10 mg",
        "BP 120/80, HR 72, HbA1c 7.2%",
        "troponin 0.01 ng/mL at 10:30",
        "Follow-up in 3 months; ED visit x2",
        "sars-cov-2 (covid-19) vaccine, mrna",
        "take 2 tablets 3 times a day for 10 days",
        "Grade 2 of 4, stage IIIB",
        "WBC 11.2, Hgb 13.5, Plt 250",
        "Plt 150 4000/uL; heparin 80 5000 units; walked 20 1000 m"})
    void clinicalTextHasNoHits(String text) {
        assertThat(Spans.patterns(text)).isEmpty();
    }
}
