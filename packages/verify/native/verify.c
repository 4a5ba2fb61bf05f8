/*
 * Batch BIP-340 verification of Nostr event signatures with the system libsecp256k1.
 *
 * Input records are 128 bytes: 32-byte message (the event id), 32-byte x-only pubkey,
 * 64-byte signature. Output is one byte per record: 1 valid, 0 invalid.
 *
 * State lives per addon instance (one per thread that loads it), so worker threads never
 * share the pubkey cache and need no locks.
 */
#include <node_api.h>
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RECORD 128
/* Direct-mapped: a collision only evicts, so crafted pubkeys cannot make lookups slow. */
#define CACHE_SLOTS 4096

typedef struct {
  unsigned char key[32];
  secp256k1_xonly_pubkey parsed;
  int used;
} cache_slot;

typedef struct {
  secp256k1_context *ctx;
  cache_slot *cache;
  uint32_t seed;
} instance;

static uint32_t slot_of(const instance *in, const unsigned char *pk) {
  uint32_t h;
  memcpy(&h, pk + 8, sizeof h);
  return (h ^ in->seed) & (CACHE_SLOTS - 1);
}

/* Parsing lifts x to a curve point (a field square root), worth skipping for repeat authors. */
static int parse_pubkey(instance *in, const unsigned char *pk, secp256k1_xonly_pubkey *out, int use_cache) {
  if (!use_cache) return secp256k1_xonly_pubkey_parse(in->ctx, out, pk);
  cache_slot *s = &in->cache[slot_of(in, pk)];
  if (s->used && memcmp(s->key, pk, 32) == 0) {
    *out = s->parsed;
    return 1;
  }
  if (!secp256k1_xonly_pubkey_parse(in->ctx, out, pk)) return 0;
  memcpy(s->key, pk, 32);
  s->parsed = *out;
  s->used = 1;
  return 1;
}

static napi_value verify_batch(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  instance *in;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&in) != napi_ok) return NULL;
  if (argc < 1) {
    napi_throw_type_error(env, NULL, "verifyBatch(records: Uint8Array, cache?: boolean)");
    return NULL;
  }
  bool is_typed = false;
  napi_is_typedarray(env, argv[0], &is_typed);
  if (!is_typed) {
    napi_throw_type_error(env, NULL, "records must be a Uint8Array");
    return NULL;
  }
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL);
  if (type != napi_uint8_array || length % RECORD != 0) {
    napi_throw_range_error(env, NULL, "records must be a Uint8Array of 128-byte records");
    return NULL;
  }
  bool use_cache = true;
  if (argc >= 2) napi_get_value_bool(env, argv[1], &use_cache);

  size_t n = length / RECORD;
  napi_value ab, result;
  void *outp;
  if (napi_create_arraybuffer(env, n, &outp, &ab) != napi_ok) return NULL;
  unsigned char *out = outp;
  const unsigned char *rec = data;
  for (size_t i = 0; i < n; i++, rec += RECORD) {
    secp256k1_xonly_pubkey pk;
    out[i] = parse_pubkey(in, rec + 32, &pk, use_cache) &&
             secp256k1_schnorrsig_verify(in->ctx, rec + 64, rec, 32, &pk);
  }
  napi_create_typedarray(env, napi_uint8_array, n, ab, 0, &result);
  return result;
}

static void destroy(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  instance *in = data;
  secp256k1_context_destroy(in->ctx);
  free(in->cache);
  free(in);
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  instance *in = calloc(1, sizeof *in);
  if (in) in->cache = calloc(CACHE_SLOTS, sizeof(cache_slot));
  if (in) in->ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  if (!in || !in->cache || !in->ctx) {
    napi_throw_error(env, NULL, "lifeline_verify: out of memory");
    return NULL;
  }
  in->seed = (uint32_t)(uintptr_t)in ^ 0x9e3779b9u;
  napi_set_instance_data(env, in, destroy, NULL);
  napi_value fn;
  napi_create_function(env, "verifyBatch", NAPI_AUTO_LENGTH, verify_batch, in, &fn);
  napi_set_named_property(env, exports, "verifyBatch", fn);
  return exports;
}
