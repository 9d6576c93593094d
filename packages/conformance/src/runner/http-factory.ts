// Placeholder replaced by the HTTP wire factory below.
export {};
