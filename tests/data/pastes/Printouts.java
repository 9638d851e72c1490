import java.nio.file.*;
import java.security.*;
import java.security.spec.*;
import java.util.*;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

public class Printouts {
  static byte[] pem(String file) throws Exception {
    String b64 = Files.readString(Path.of(file)).replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(b64);
  }
  static void write(String file, Object o) throws Exception {
    Files.writeString(Path.of(file), o + "\n");
  }
  public static void main(String[] a) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    byte[] spki = pem("ecparam-genkey.pub.pem");
    byte[] pkcs8 = Files.readAllBytes(Path.of("ecparam-genkey.pk8.der"));
    byte[] p384 = pem("p384.pub.pem");
    HexFormat hex = HexFormat.of();
    // RFC 7748 §6.1, Alice's keys; RFC 8032 §7.1 test 1's Ed25519 public key.
    byte[] x25519 = hex.parseHex("302a300506032b656e0321008520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    byte[] x25519Private = hex.parseHex("302e020100300506032b656e04220420" + "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] ed25519 = hex.parseHex("302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    write("java-ec-public.txt", KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)));
    write("java-ec-private.txt", KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    write("java-x25519-public.txt", KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(x25519)));
    write("java-p384-public.txt", KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(p384)));
    write("java-ed25519-public.txt", KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(ed25519)));
    write("bc-ec-public.txt", KeyFactory.getInstance("EC", "BC").generatePublic(new X509EncodedKeySpec(spki)));
    write("bc-ec-private.txt", KeyFactory.getInstance("EC", "BC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    write("bc-x25519-public.txt", KeyFactory.getInstance("X25519", "BC").generatePublic(new X509EncodedKeySpec(x25519)));
    write("bc-x25519-private.txt", KeyFactory.getInstance("X25519", "BC").generatePrivate(new PKCS8EncodedKeySpec(x25519Private)));
    write("bc-p384-public.txt", KeyFactory.getInstance("EC", "BC").generatePublic(new X509EncodedKeySpec(p384)));
    write("bc-ed25519-public.txt", KeyFactory.getInstance("Ed25519", "BC").generatePublic(new X509EncodedKeySpec(ed25519)));
  }
}
