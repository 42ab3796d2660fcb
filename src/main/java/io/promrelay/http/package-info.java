/** HTTP client plumbing shared by scraping and discovery. */
package io.promrelay.http;
