import { Grid } from 'antd';

// Below antd's md breakpoint (768 px): a phone, where menus become drawers and tables become cards.
export const usePhone = () => Grid.useBreakpoint().md === false;
