export declare const HOW_TO_GET_CHROMIUM: string;
export declare function findChromium(env?: Record<string, string | undefined>): string | undefined;
