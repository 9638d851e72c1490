// Example pastes for the key inspector's "Try an example" buttons, made with openssl,
// ssh-keygen, Python and Java for this page (`madeWith` says how). They are examples, not
// secrets: the private key below was generated for it and protects nothing.
export const EXAMPLES = [
  {
    id: 'p256-pem',
    label: 'P-256 public key (PEM)',
    madeWith: 'openssl pkey -pubout',
    text: `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+8X3M7FHyuBB4BYKRrtmBhX0QPbr
923PZLwiVtQQVjbS/aDjiwplk+5zKVWED3A00HR2xa1wm6Wj4KOHTiIZkA==
-----END PUBLIC KEY-----`,
  },
  {
    id: 'ecparam',
    label: 'openssl ecparam -genkey output',
    madeWith: 'openssl ecparam -name prime256v1 -genkey',
    text: `-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIKNiKzq7TRwesZQl5XjmlJLOIaL4i/8RZeDNvN6MnzleoAoGCCqGSM49
AwEHoUQDQgAEhd+KUNnbbkL5c620Ode8XYQrxPq7/ObjDwMjdoLokMW1VWc15rRL
VI0K1Q+BuuhUXjbegqE0lfYpwjgDW5Z0fA==
-----END EC PRIVATE KEY-----`,
  },
  {
    id: 'certificate',
    label: 'Self-signed certificate',
    madeWith: 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=example -days 365',
    text: `-----BEGIN CERTIFICATE-----
MIIBeTCCAR+gAwIBAgIUHHZOsJFvKqvg9ROy6l47SfUxcFEwCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAwwHZXhhbXBsZTAeFw0yNjEyMDExMjUzMzRaFw0yNzEyMDExMjUz
MzRaMBIxEDAOBgNVBAMMB2V4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AARTylyZSXxeJknq725aDkkDXLkrJc1wN/NHwT2bHUolsWIlx4CsDiRSyKXn0Uzs
HRyVSAfwyPyKbSzvs+HYtz0bo1MwUTAdBgNVHQ4EFgQUt2ap1qoeiiw2yt3dHWXV
wDBdIzUwHwYDVR0jBBgwFoAUt2ap1qoeiiw2yt3dHWXVwDBdIzUwDwYDVR0TAQH/
BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiA9UgoD8OMLtE0OBIZdcsqOuWizjGA8
6/DFw2o7eV9EyAIhAKeeRuetFJJ2w2+eWQzLT6a7md0S+KT9ASbVLFEXjbq3
-----END CERTIFICATE-----`,
  },
  {
    id: 'openssh',
    label: 'OpenSSH public key',
    madeWith: 'ssh-keygen -t ecdsa -b 256 -C student@example',
    text: 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFZnutNiKKNVjkALCBrmbNMvAtrlic8poITVj6K3OZ7tclPNtxWiRdSLLCDnUnYEyHRB33xNRPLV7LwxrS7bsiA= student@example',
  },
  {
    id: 'x25519-jwk',
    label: 'X25519 public key (JWK)',
    madeWith: 'openssl genpkey -algorithm X25519, as JWK',
    text: '{"crv":"X25519","x":"2JZdeIfjYdX5yRMOKsc4useZwzu991McXUndQ9TndS4","kty":"OKP"}',
  },
  {
    id: 'python-bytes',
    label: 'The first key as Python prints its bytes',
    madeWith: 'print(key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))',
    text: String.raw`b'\x04\xfb\xc5\xf73\xb1G\xca\xe0A\xe0\x16\nF\xbbf\x06\x15\xf4@\xf6\xeb\xf7m\xcfd\xbc"V\xd4\x10V6\xd2\xfd\xa0\xe3\x8b\ne\x93\xees)U\x84\x0fp4\xd0tv\xc5\xadp\x9b\xa5\xa3\xe0\xa3\x87N"\x19\x90'`,
  },
  {
    id: 'java',
    label: 'The first key as Java prints it',
    madeWith: 'System.out.println(publicKey) (Java 17)',
    text: `Sun EC public key, 256 bits
  public x coord: 113880299991135951828968460769799664300974080122088786978325965153695951771190
  public y coord: 95433820923840938259829821380173576180493727916511199541743125756946359130512
  parameters: secp256r1 [NIST P-256,X9.62 prime256v1] (1.2.840.10045.3.1.7)`,
  },
  {
    id: 'signature',
    label: 'ECDSA signature (DER, hex)',
    madeWith: 'openssl dgst -sha256 -sign',
    text: '304402207f7a3cd7e07507aab75a79af53e983553c6066d0e11cc5642efac910fdafec89022015079252fbd03987f75a5f758503d707ba30f18c10a6948cf87acb527bb2267b',
  },
];
