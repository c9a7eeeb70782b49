/* tls_shim.c - a stand-in "libssl.so" for CivetWeb's HTTPS on Debian 12.
 *
 * Debian's CivetWeb 1.15 is built against the OpenSSL 1.1 interface and
 * looks up its functions by name when HTTPS starts. OpenSSL 3 no longer
 * exports SSL_get_peer_certificate (it is a macro for
 * SSL_get1_peer_certificate), so the lookup leaves a NULL pointer and the
 * first HTTPS request crashes the server (upstream fixed the check in
 * CivetWeb 1.16). This library, built with the soname "libssl.so" and
 * linked to the real libssl, is loaded by http.c before CivetWeb asks for
 * "libssl.so"; it provides that one function and otherwise passes through
 * to OpenSSL 3. Both return a new reference the caller frees, so the
 * behaviour is the same. */
#include <openssl/ssl.h>

#undef SSL_get_peer_certificate
X509 *SSL_get_peer_certificate(const SSL *s);

X509 *SSL_get_peer_certificate(const SSL *s)
{
	return SSL_get1_peer_certificate(s);
}
