// React Native has no global stylesheet (global.ts says why): each component's sheet carries its colours.
export {};
