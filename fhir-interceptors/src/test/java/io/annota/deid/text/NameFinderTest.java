package io.annota.deid.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameFinderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // dictionary names
        "Korhonen was seen today.|NAME=Korhonen",
        "Ferenc Kowalczyk called back.|NAME=Ferenc Kowalczyk",
        "What's your last name? Oyelaran|NAME=Oyelaran",
        "Oyelaran and Wilson were there.|NAME=Oyelaran",
        "Oyelaran K. Tashev will come.|NAME=Oyelaran K. Tashev",
        "Oyelaran, can you call me back?|NAME=Oyelaran",
        // lower case: the whole text, or two listed words together
        "the visit with aksel kristensen went well|NAME=aksel kristensen",
        "Call from ferenc kowalczyk today.|NAME=ferenc kowalczyk",
        "Patient seen with Jennifer today.|NAME=Jennifer",
        "Discussed with Robert Johnson at length.|NAME=Robert Johnson",
        "Letter from Vanessa P. Hertzog arrived|NAME=Vanessa P. Hertzog",
        // titles accept any capitalised word, also stop-list words
        "Seen by Dr. Brown in clinic.|NAME=Brown",
        "Mrs. Okafor-Lindqvist called.|NAME=Okafor-Lindqvist",
        "Prof. Grant reviewed.|NAME=Grant",
        // context cues
        "Referred by Quenby Ashworth for review.|NAME=Quenby Ashworth",
        "Her daughter Ysolde visits daily.|NAME=Ysolde",
        "Dictated by Thaddeus Krool.|NAME=Thaddeus Krool",
        "cc: Wendeline Oyelaran|NAME=Wendeline Oyelaran",
        "Patient name: Orsolya Baranyi|NAME=Orsolya Baranyi",
        "my name is adam k smith|NAME=adam k smith",
        // an unknown capitalised word inside a sentence
        "Results were sent to Oyelaran yesterday.|NAME=Oyelaran",
        // Lastname, Firstname and particles
        "Attending: Johnson, Michael|NAME=Johnson, Michael",
        "Signed by Maika van de Noort.|NAME=Maika van de Noort",
        // generated names with digits appended
        "Marine542 Ai120 is a 60 year-old|NAME=Marine542 Ai120",
        // places
        "She lives in Springfield with her son.|LOCATION=Springfield",
        "Moved from Brazil last year.|LOCATION=Brazil",
        "Travelled to New Zealand in May.|LOCATION=New Zealand",
        "Office in Riverton, OR today|LOCATION=Riverton",
        "Born in Marysville.|LOCATION=Marysville"})
    void namesAndPlacesAreFound(String text, String expected) {
        assertThat(Spans.names(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "May we discuss the plan?",
        "Will follow up next week.",
        "Hope is low; Grant application pending.",
        "Patient denies chest pain. No Known Allergies.",
        "Chief Complaint: Cough. History of Present Illness: none.",
        "Assessment and Plan: continue Metformin and Lisinopril.",
        "Patient currently has Medicare.",
        "Frank hematuria noted; Brown discharge.",
        "Hunger, Thirst, Frequent Urination",
        "HISTORY OF PRESENT ILLNESS",
        "Mark the site. Bill the insurer.",
        "The Sugar test was normal.",
        "Romberg negative, gait steady.",
        "Nissen fundoplication in 2019.",
        "Addison disease on hydrocortisone.",
        "Xarelto was held before surgery. Eliquis is continued.",
        "Ibuprofen, if needed. Tamsulosin, at night."})
    void ordinaryAndClinicalWordsAreNoNames(String text) {
        assertThat(Spans.names(text)).isEmpty();
    }
}
