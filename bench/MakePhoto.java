import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;

/**
 * A phone-sized photo for the multipart-with-photo bench (bench/intake-baselines.sh): 2000 x 1500 with gradients and
 * noise, so the JPEG is about as large and as hard to decode as a real snapshot, not a flat colour.
 * java bench/MakePhoto.java OUT.jpg
 */
public class MakePhoto {
    public static void main(String[] args) throws Exception {
        BufferedImage img = new BufferedImage(2000, 1500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(90, 120, 160), 2000, 1500, new Color(200, 180, 140)));
        g.fillRect(0, 0, 2000, 1500);
        Random r = new Random(1);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(r.nextInt(2000), r.nextInt(1500), 20 + r.nextInt(200), 20 + r.nextInt(200));
        }
        g.dispose();
        for (int y = 0; y < 1500; y++) {
            for (int x = 0; x < 2000; x++) {
                int n = r.nextInt(24) - 12, p = img.getRGB(x, y);
                int red = clamp(((p >> 16) & 255) + n), green = clamp(((p >> 8) & 255) + n), blue = clamp((p & 255) + n);
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        ImageIO.write(img, "jpg", new File(args[0]));
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
