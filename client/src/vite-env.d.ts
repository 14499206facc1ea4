// Types for Vite's asset imports (`?url`) in the client.
/// <reference types="vite/client" />
