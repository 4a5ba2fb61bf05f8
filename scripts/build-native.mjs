// Builds the optional native secp256k1 addon; never fails the install (wasm is the fallback).
console.log('native addon: not built yet');
