// What the app shell uses from the directory feature.
export { DirectoryView, type DirectoryViewProps } from './DirectoryView.tsx';
