package io.annota.intake.channel;

/** How a channel acknowledges HL7 v2 messages. */
public enum AckMode {
    /** Enhanced mode when the message asks for it (MSH-15 or MSH-16 valued), else original mode: HL7's rule. */
    AUTO,
    /** Always original mode (AA/AE/AR on the connection), whatever MSH-15/16 say. */
    ORIGINAL,
    /** Always enhanced mode: an accept acknowledgement (CA/CE/CR) on the connection, application ACK apart. */
    ENHANCED
}
