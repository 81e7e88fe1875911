import { mount } from 'svelte';
import App from './App.svelte';
import './global.css';

const target = document.getElementById('app');
if (!target) throw new Error('wall/index.html has no #app element');

export default mount(App, { target });
