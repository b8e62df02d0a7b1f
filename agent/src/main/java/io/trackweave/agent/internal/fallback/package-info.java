/**
 * The reflective stand-in for a generated mapper: woven code of a class compiled without the processor calls
 * {@code FallbackDispatch} (by its internal name, so moving it means moving that name in the weaver and in the
 * byte check of {@code internal.matching} too), which maps the method's arguments by reflection; and the one
 * warning that names such methods. Uses only {@code internal.log}.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.agent.internal.fallback;
