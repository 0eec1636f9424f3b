package io.annota.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A bare MLLP sender: one socket, one message at a time, waits for the acknowledgement frame. */
public final class MllpClient implements AutoCloseable {

    private static final int START = 0x0b;
    private static final int END = 0x1c;
    private static final int CR = 0x0d;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public MllpClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends {@code message} (segments separated by CR) and returns the acknowledgement. */
    public String send(String message) throws IOException {
        return send(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    public String send(byte[] payload, Charset ackCharset) throws IOException {
        out.write(START);
        out.write(payload);
        out.write(END);
        out.write(CR);
        out.flush();
        return new String(readFrame(), ackCharset);
    }

    private byte[] readFrame() throws IOException {
        int b = in.read();
        while (b != START) {
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement arrived");
            }
            b = in.read();
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while ((b = in.read()) != END) {
            if (b < 0) {
                throw new IOException("connection closed inside an acknowledgement frame");
            }
            frame.write(b);
        }
        in.read(); // trailing CR
        return frame.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
