import type { Reroute } from '@sveltejs/kit';

// Language comes from a cookie or Accept-Language, never from the path.
export const reroute: Reroute = ({ url }) => url.pathname;
