/** The starter's internals: not for public use; they change without notice. */
package io.trackweave.spring.boot.internal;
