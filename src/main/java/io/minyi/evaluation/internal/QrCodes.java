package io.minyi.evaluation.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.springframework.stereotype.Component;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** QR codes that open {@code {minyi.public-base-url}/e/{code}}. */
@Component
public class QrCodes {

    private final String baseUrl;

    QrCodes(io.minyi.platform.PublicBaseUrl publicBaseUrl) {
        this.baseUrl = publicBaseUrl.value();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String ratingUrl(String code) {
        return baseUrl + "/e/" + code;
    }

    public String trackingUrl() {
        return baseUrl + "/t";
    }

    public BufferedImage image(String code, int pixels) {
        try {
            // Medium error correction survives a scuffed poster and keeps the modules large enough for old phones.
            BitMatrix matrix = new QRCodeWriter().encode(ratingUrl(code), BarcodeFormat.QR_CODE, pixels, pixels,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (WriterException e) {
            throw new IllegalStateException("QR code cannot hold " + code, e);
        }
    }

    public byte[] png(String code, int pixels) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image(code, pixels), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
