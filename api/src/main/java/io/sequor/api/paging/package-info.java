/** Cursor pagination shared by the API's lists. */
package io.sequor.api.paging;
