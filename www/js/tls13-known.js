// Published inputs the key-schedule view can be given instead of this run's: those of
// "The Illustrated TLS 1.3 Connection" (https://tls13.xargs.org/, syncsynchalt/
// illustrated-tls13 at commit 8d83cef0, MIT, Copyright (c) 2018 Michael Driscoll; the
// licence is in tests/data/tls/LICENSE-illustrated-tls13.txt). Its published secrets,
// keys and IVs are what the diagram must then show (tests/browser/tls13.test.mjs
// compares them with tests/data/tls/tls13_illustrated.json).
export const KNOWN_INPUTS = Object.freeze({
  illustrated: Object.freeze({
    title: 'The Illustrated TLS 1.3 Connection',
    href: 'https://tls13.xargs.org/',
    input: Object.freeze({
      cipherSuite: 'TLS_AES_256_GCM_SHA384',
      sharedSecret: 'df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624',
      helloHash: 'e05f64fcd082bdb0dce473adf669c2769f257a1c75a51b7887468b5e0e7a7de4f4d34555112077f16e079019d5a845bd',
      handshakeHash: 'fa6800169a6baac19159524fa7b9721b41be3c9db6f3f93fa5ff7e3db3ece204d2b456c51046e40ec5312c55a86126f5',
    }),
  }),
});
