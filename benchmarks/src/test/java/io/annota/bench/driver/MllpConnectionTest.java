package io.annota.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MllpConnectionTest {

    private static final String ACK = "MSH|^~\\&|ANNOTA|ANNOTA|ADT|GENERAL|20240305101500||ACK^A01^ACK|A1|P|2.5.1\r"
            + "MSA|AE|MSG0001|unsupported\r";

    @Test
    void framesTheMessageAndReadsOneFrameBack() throws Exception {
        AtomicReference<byte[]> received = new AtomicReference<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread peer = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    ByteArrayOutputStream frame = new ByteArrayOutputStream();
                    int previous = -1;
                    int b;
                    while ((b = in.read()) >= 0) {
                        frame.write(b);
                        if (previous == 0x1c && b == 0x0d) {
                            break;
                        }
                        previous = b;
                    }
                    received.set(frame.toByteArray());
                    OutputStream out = socket.getOutputStream();
                    out.write(0x0b);
                    out.write(ACK.getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[] {0x1c, 0x0d});
                    out.flush();
                } catch (Exception e) {
                    // the test fails on the client side
                }
            });
            peer.start();
            try (MllpConnection connection = new MllpConnection("127.0.0.1", server.getLocalPort(), 5000)) {
                byte[] ack = connection.exchange("MSH|^~\\&|X\r".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(ack, StandardCharsets.US_ASCII)).isEqualTo(ACK);
            }
            peer.join(5000);
        }
        assertThat(new String(received.get(), StandardCharsets.US_ASCII)).isEqualTo("\u000bMSH|^~\\&|X\r\u001c\r");
    }

    @Test
    void timesOutWhenNoAcknowledgementComes() throws Exception {
        try (ServerSocket server = new ServerSocket(0);
                MllpConnection connection = new MllpConnection("127.0.0.1", server.getLocalPort(), 300);
                Socket silent = server.accept()) {
            assertThat(silent.isConnected()).isTrue();
            assertThatThrownBy(() -> connection.exchange("MSH|^~\\&|X\r".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
