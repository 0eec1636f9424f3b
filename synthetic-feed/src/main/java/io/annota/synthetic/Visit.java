package io.annota.synthetic;

import java.time.LocalDateTime;

/**
 * One encounter of a patient.
 *
 * @param patientClass PV1-2: I inpatient, O outpatient, E emergency
 * @param discharge null while the patient is still in
 */
record Visit(String visitNumber, String accountNumber, char patientClass, LocalDateTime admit,
        LocalDateTime discharge, People.Clinician attending, People.Clinician referring, String location) {

    Visit discharged(LocalDateTime when) {
        return new Visit(visitNumber, accountNumber, patientClass, admit, when, attending, referring, location);
    }
}
