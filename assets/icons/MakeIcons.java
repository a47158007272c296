import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.File;

/** Draws the Waypost icon: `java assets/icons/MakeIcons.java assets/icons`. */
public class MakeIcons {
  public static void main(String[] a) throws Exception {
    for (int size : new int[] {256, 64, 32}) {
      BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      double s = size / 256.0;
      g.setPaint(new GradientPaint(0, 0, new Color(0x0969da), size, size, new Color(0x1f6f8b)));
      g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));
      // a waypoint marker: a pin with a ring, over three "discovered" dots
      g.setColor(new Color(255, 255, 255, 90));
      for (int i = 0; i < 3; i++) {
        double x = (58 + i * 70) * s;
        g.fill(new Ellipse2D.Double(x - 12 * s, 196 * s - 12 * s, 24 * s, 24 * s));
      }
      g.setColor(Color.WHITE);
      Path2D pin = new Path2D.Double();
      pin.moveTo(128 * s, 188 * s);
      pin.curveTo(96 * s, 140 * s, 72 * s, 118 * s, 72 * s, 92 * s);
      pin.curveTo(72 * s, 60 * s, 98 * s, 36 * s, 128 * s, 36 * s);
      pin.curveTo(158 * s, 36 * s, 184 * s, 60 * s, 184 * s, 92 * s);
      pin.curveTo(184 * s, 118 * s, 160 * s, 140 * s, 128 * s, 188 * s);
      pin.closePath();
      g.fill(pin);
      g.setColor(new Color(0x0969da));
      g.fill(new Ellipse2D.Double(104 * s, 68 * s, 48 * s, 48 * s));
      g.dispose();
      ImageIO.write(img, "png", new File(a[0] + "/waypost-" + size + ".png"));
    }
  }
}
