/*
 * Batch BIP-340 signer for the bench dataset generator, on the system libsecp256k1.
 * Why: nostr-wasm signs ~400 events/s per core on the bench box, so 1,000,000 events took
 * half an hour; native signing makes the dataset a minute's work.
 * Protocol: each stdin line is "<64-hex secret key> <64-hex event id>"; each stdout line is
 * the 128-hex signature. Build: gcc -O2 -o schnorr-sign schnorr-sign.c -lsecp256k1
 */
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <stdio.h>
#include <string.h>

#define CACHE 16384

static int unhex(const char *in, unsigned char *out, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned int v;
    if (sscanf(in + 2 * i, "%2x", &v) != 1) return 0;
    out[i] = (unsigned char)v;
  }
  return 1;
}

/* Keypair creation costs a point multiplication, so keypairs are cached per secret key. */
static unsigned char cached_sk[CACHE][32];
static secp256k1_keypair cached_kp[CACHE];
static int cached_ok[CACHE];

int main(void) {
  secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  char line[256];
  static const char digits[] = "0123456789abcdef";
  setvbuf(stdout, NULL, _IOFBF, 1 << 16);
  while (fgets(line, sizeof line, stdin)) {
    unsigned char sk[32], msg[32], sig[64];
    char out[130];
    if (strlen(line) < 129 || !unhex(line, sk, 32) || !unhex(line + 65, msg, 32)) {
      fputs("error\n", stdout);
      continue;
    }
    unsigned int slot = ((unsigned int)sk[0] << 8 | sk[1]) % CACHE;
    if (!cached_ok[slot] || memcmp(cached_sk[slot], sk, 32) != 0) {
      if (!secp256k1_keypair_create(ctx, &cached_kp[slot], sk)) {
        fputs("error\n", stdout);
        continue;
      }
      memcpy(cached_sk[slot], sk, 32);
      cached_ok[slot] = 1;
    }
    secp256k1_schnorrsig_sign32(ctx, sig, msg, &cached_kp[slot], NULL);
    for (int i = 0; i < 64; i++) {
      out[2 * i] = digits[sig[i] >> 4];
      out[2 * i + 1] = digits[sig[i] & 15];
    }
    out[128] = '\n';
    out[129] = 0;
    fputs(out, stdout);
    /* Flush when the input batch is drained so the caller never waits on a full buffer. */
    if (stdin->_IO_read_ptr >= stdin->_IO_read_end) fflush(stdout);
  }
  fflush(stdout);
  return 0;
}
