/** Lifeline client core: keys, relays, feeds and authenticity checks, shared by the web app. */
export {};
