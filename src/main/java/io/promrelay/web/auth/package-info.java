/**
 * Who may talk to the relay's HTTP server, from the web config file ({@code --web.config.file}): TLS with optional
 * client certificates, basic auth against bcrypt hashes, extra security headers, all re-read when the files change.
 */
package io.promrelay.web.auth;
