#ifndef EWP_COPENSSL_SHIM_H
#define EWP_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/err.h>
#include <openssl/bio.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/crypto.h>

// Function-like macros that Swift cannot import.
static inline long ewp_bio_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }
static inline void ewp_openssl_free(void *p) { OPENSSL_free(p); }
// EVP_RSA_gen is a macro over the variadic EVP_PKEY_Q_keygen.
static inline EVP_PKEY *ewp_rsa_generate(unsigned int bits) { return EVP_RSA_gen(bits); }
#endif
