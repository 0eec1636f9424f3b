package io.annota.server.intake.deadletter;

/** A dead letter's channel is no longer configured, so there is nothing to replay it through. */
public class ChannelNotConfiguredException extends RuntimeException {

    private final String channel;

    public ChannelNotConfiguredException(String channel) {
        super("channel '" + channel + "' is not configured; configure it again to replay its dead letters");
        this.channel = channel;
    }

    public String channel() {
        return channel;
    }
}
